"""The consultation module's back office: document tree, import, participation settings, answers, final text, debates."""
