//! Loopback-only `http://host:port[/prefix]` targets: parsing, resolution and path joining.

use anyhow::{Context, Result, bail};
use std::net::{SocketAddr, ToSocketAddrs};

/// A parsed target: where to connect, what to send as `Host`, and an optional path prefix.
#[derive(Clone, Debug)]
pub struct Target {
    pub addr: SocketAddr,
    pub authority: String,
    prefix: String,
}

impl Target {
    /// Parses `http://host[:port][/prefix]`; refuses https and any non-loopback address.
    pub fn parse(url: &str) -> Result<Self> {
        let rest = url.strip_prefix("http://").with_context(|| {
            format!("target {url:?} must start with http:// (plain HTTP on loopback)")
        })?;
        let (authority, prefix) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
            None => (rest, ""),
        };
        if authority.is_empty() {
            bail!("target {url:?} has no host");
        }
        let addr = resolve_loopback(authority)?;
        Ok(Self {
            addr,
            authority: authority.to_string(),
            prefix: prefix.to_string(),
        })
    }

    /// A target for a local socket address (used for the in-process hello server).
    pub fn from_addr(addr: SocketAddr) -> Self {
        Self {
            addr,
            authority: addr.to_string(),
            prefix: String::new(),
        }
    }

    /// The server path for `path` (prefix + path, always starting with `/`).
    pub fn join(&self, path: &str) -> String {
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        format!("{}{}", self.prefix, path)
    }

    /// `http://authority`, as a browser would send in `Origin`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.authority)
    }

    /// Full URL of `path`, for display.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.origin(), self.join(path))
    }
}

/// Resolves `host[:port]` and keeps only a loopback address.
pub fn resolve_loopback(authority: &str) -> Result<SocketAddr> {
    let with_port = if has_port(authority) {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let addrs: Vec<SocketAddr> = with_port
        .to_socket_addrs()
        .with_context(|| format!("cannot resolve {authority:?}"))?
        .collect();
    addrs
        .iter()
        .copied()
        .find(|a| a.ip().is_loopback())
        .with_context(|| {
            format!("{authority:?} resolves to {addrs:?}: only loopback targets are allowed")
        })
}

/// True when the authority already names a port (handles `[::1]:80` and `[::1]`).
fn has_port(authority: &str) -> bool {
    match authority.rfind(']') {
        Some(i) => authority[i..].contains(':'),
        None => authority.contains(':'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_loopback_with_prefix() {
        let t = Target::parse("http://127.0.0.1:3200/app/").unwrap();
        assert_eq!(t.addr.port(), 3200);
        assert_eq!(t.join("/"), "/app/");
        assert_eq!(t.origin(), "http://127.0.0.1:3200");
    }

    #[test]
    fn refuses_non_loopback_and_https() {
        assert!(Target::parse("http://10.0.0.1:80").is_err());
        assert!(Target::parse("https://127.0.0.1").is_err());
    }
}
