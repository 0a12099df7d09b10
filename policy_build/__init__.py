"""policy_data/ → validated bundle: schema, strict loading, checks and compilation."""
