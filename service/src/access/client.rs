//! The client's address as the server saw it (directly, or through a trusted proxy). The
//! session middleware puts it on every request, so both the API handlers and the server
//! functions count attempts per address with the same value.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);
