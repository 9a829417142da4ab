"""Engines that run the pipeline beyond one machine. Each is an optional extra; the core never imports them."""
