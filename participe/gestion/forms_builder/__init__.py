"""The form builder of /gestion/: questionnaires, ballots and proposal forms edited with real fields."""
