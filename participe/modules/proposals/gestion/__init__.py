"""The proposals module's back office (/gestion/proposals/): the editors of collect and selection steps (categories
and districts, vote rule and envelopes), the analysis workflow and the results, and the dashboard's to-do."""
