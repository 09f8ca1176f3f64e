"""The pure core: training science over plain data. No I/O, no storage, no terminal."""
