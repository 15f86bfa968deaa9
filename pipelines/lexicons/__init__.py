"""Lexicons built from maintained packages (jionlp) and public lists.

Every loader is cached and reads its data on first call, never at import time.
"""
