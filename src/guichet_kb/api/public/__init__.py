"""Read services for the public site: @top-services, @life-events, @desks, and the
`guichet` expansion of a sheet."""
