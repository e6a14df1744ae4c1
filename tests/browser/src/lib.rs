//! Nothing here: the package holds only the browser tests (`tests/browser/`).
