"""Rich renderings for people reading a terminal. Only the CLI imports this package."""
