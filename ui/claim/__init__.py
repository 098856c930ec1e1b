"""F4: handing over the documents of a JHT claim."""
