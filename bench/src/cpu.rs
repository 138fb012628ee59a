//! CPU time of a process (user + system, from /proc/PID/stat), to tell whether the load
//! generator or the server used the cores during a run.

/// Clock ticks per second of /proc times (Linux USER_HZ, 100 on every mainstream kernel).
const TICKS_PER_SEC: f64 = 100.0;

/// CPU seconds (user + system) used so far by `pid` (`None`: this process).
pub fn seconds(pid: Option<u32>) -> Option<f64> {
    let path = match pid {
        Some(p) => format!("/proc/{p}/stat"),
        None => "/proc/self/stat".to_owned(),
    };
    parse(&std::fs::read_to_string(path).ok()?)
}

/// utime + stime of a stat line; the command name in parentheses may hold spaces.
fn parse(stat: &str) -> Option<f64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state is field 3, utime field 14, stime field 15.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / TICKS_PER_SEC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utime_and_stime() {
        let line = "42 (a b) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0";
        assert_eq!(parse(line), Some(3.0));
        assert!(seconds(None).is_some());
    }
}
