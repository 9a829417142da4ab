"""Getting documents in and records out: reading inputs, decoding bytes, writing Parquet."""
