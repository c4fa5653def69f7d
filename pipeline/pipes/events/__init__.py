"""``svpol_events``: the structure of minutes and records (items, decisions, proposals, rulings,
reservations, votes, attendance, Riksdag speeches) on top of the entity layer."""
