"""The people and their contributions in the back office: contributions, moderation, participants, exports, action log."""
