"""The exercise catalog: data files plus pure queries over them."""
