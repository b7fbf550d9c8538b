"""What reads and writes the store: the one place the window and the command line call."""
