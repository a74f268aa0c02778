"""nianbao's front ends: the Flask web app and the `nianbao` command line."""
