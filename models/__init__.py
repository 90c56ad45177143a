"""The sitting's domain, pure: no IO, no UI, no network.

Commands come in (`models.commands`), `models.decide` turns them into events or a
`Rejection`, and `models.reducer.apply` folds events into a `models.state.Chamber`.
"""
