"""One module per thing the plugin checks; each exposes the hook callbacks for it."""
