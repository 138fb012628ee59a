//! The client's address, which the sign-in limits count by. Connected directly, it is the
//! peer's. Behind reverse proxies (`HOCVU_TRUST_PROXY`), each proxy appends to
//! `X-Forwarded-For` the address it saw, so the list is written from its right end by the
//! proxies and from its left end by whoever sent the request: the client is the right-most hop
//! that is not a trusted proxy (`HOCVU_TRUSTED_PROXIES`). A peer that is not a trusted proxy is
//! the client whatever it sends, and a hop that is not an address ends the walk at the last
//! proxy, so no client can choose the address it is counted by.
use std::net::{IpAddr, SocketAddr};

use crate::config::ProxyNet;

/// The client of a request from `peer` with these `X-Forwarded-For` values (in the order
/// received; none when proxies are not trusted). `None` when the peer is unknown.
pub fn client_addr(
    peer: Option<IpAddr>,
    forwarded: &[&str],
    proxies: &[ProxyNet],
) -> Option<IpAddr> {
    let trusted = |ip: &IpAddr| proxies.iter().any(|net| net.contains(ip));
    let mut addr = peer?.to_canonical();
    let hops: Vec<&str> = forwarded.iter().flat_map(|v| v.split(',')).collect();
    for hop in hops.iter().rev() {
        if !trusted(&addr) {
            return Some(addr);
        }
        match parse_hop(hop) {
            Some(ip) => addr = ip,
            None => return Some(addr),
        }
    }
    Some(addr)
}

/// One hop: an address, with a port or not (`203.0.113.7`, `203.0.113.7:4711`, `[2001:db8::1]:80`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<ProxyNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn client(peer: &str, forwarded: &[&str], proxies: &[&str]) -> String {
        client_addr(Some(ip(peer)), forwarded, &nets(proxies))
            .unwrap()
            .to_string()
    }

    const LOOPBACK: &[&str] = &["127.0.0.0/8", "::1"];

    #[test]
    fn the_right_most_hop_not_a_proxy_is_the_client() {
        // The client wrote a left end of its own; the proxy appended what it saw.
        let xff = ["198.51.100.1, 203.0.113.7"];
        assert_eq!(client("127.0.0.1", &xff, LOOPBACK), "203.0.113.7");
        // Two proxies: the edge one (10.0.0.2) appended the client, the inner one the edge.
        let chain = ["6.6.6.6, 203.0.113.7, 10.0.0.2"];
        let proxies = ["127.0.0.1", "10.0.0.0/24"];
        assert_eq!(client("127.0.0.1", &chain, &proxies), "203.0.113.7");
        // Several header lines are one list, in order.
        let lines = ["6.6.6.6", "203.0.113.9"];
        assert_eq!(client("127.0.0.1", &lines, LOOPBACK), "203.0.113.9");
    }

    #[test]
    fn a_peer_that_is_no_proxy_is_the_client_whatever_it_sends() {
        let xff = ["203.0.113.7"];
        assert_eq!(client("192.0.2.50", &xff, LOOPBACK), "192.0.2.50");
        assert_eq!(client("127.0.0.1", &xff, &["10.0.0.1"]), "127.0.0.1");
    }

    #[test]
    fn no_header_or_a_bad_hop_stops_at_the_last_proxy() {
        assert_eq!(client("127.0.0.1", &[], LOOPBACK), "127.0.0.1");
        let bad = ["203.0.113.7, unknown"];
        assert_eq!(client("127.0.0.1", &bad, LOOPBACK), "127.0.0.1");
        let empty = ["203.0.113.7,"];
        assert_eq!(client("127.0.0.1", &empty, LOOPBACK), "127.0.0.1");
        // Every hop a proxy: the left-most is as far as anyone can tell.
        let all = ["127.0.0.2, 127.0.0.3"];
        assert_eq!(client("127.0.0.1", &all, LOOPBACK), "127.0.0.2");
    }

    #[test]
    fn ports_and_mapped_addresses_are_read() {
        assert_eq!(
            client("::ffff:127.0.0.1", &["203.0.113.7:4711"], LOOPBACK),
            "203.0.113.7"
        );
        assert_eq!(
            client("::1", &["[2001:db8::7]:443"], LOOPBACK),
            "2001:db8::7"
        );
        assert_eq!(client_addr(None, &["203.0.113.7"], &nets(LOOPBACK)), None);
    }
}
