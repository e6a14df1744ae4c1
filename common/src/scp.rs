//! The scp protocol (OpenSSH's legacy "rcp" protocol), spoken over any byte stream.
