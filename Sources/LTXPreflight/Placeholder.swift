import LTXMedia
