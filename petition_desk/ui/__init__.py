"""Everything that imports Qt. Widgets call the services of the core; they never write SQL."""
