//! hocvu-bench: loopback load generator, argon2 capacity check, memory and page-weight meter,
//! and a province-size import and indicator benchmark.

mod argon;
mod assets;
mod client;
mod cpu;
mod hello;
mod http_cmd;
mod learners;
mod load;
mod login;
mod memory;
mod nation;
mod province;
mod report;
mod soak;
mod target;
mod weight;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "hocvu-bench",
    version,
    about = "Load and page-weight measurements for Học Vụ Số (loopback targets only)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Closed-loop GET load on a bare axum hello server (in-process) and on the target; prints the ratio.
    Http(http_cmd::HttpArgs),
    /// Login throughput alone and during home-page load, against what argon2 allows on these cores.
    LoginStorm(login::LoginArgs),
    /// Many learners answering a quiz at once, each answer saved by a form post: latency per
    /// saved answer, saved answers/s, and answers acknowledged but not stored.
    Learners(learners::LearnersArgs),
    /// VmRSS and VmHWM of a process, in MiB.
    Memory {
        /// Process id.
        #[arg(long)]
        pid: u32,
    },
    /// Bytes of the first page and everything it loads: raw, gzip, brotli, and as served.
    PageWeight(weight::WeightArgs),
    /// Mixed traffic for minutes (learners, readers, HR pages and exports, imports): every
    /// request counted by kind, errors must be 0, and the server's VmRSS must stay flat.
    Soak(soak::SoakArgs),
    /// A province-size data set imported through the service layer (rows/s, peak RSS), then
    /// indicator latency beside hand-written SQL; on SQLite, and on PostgreSQL with --pg.
    Province(province::ProvinceArgs),
    /// The whole country on PostgreSQL (34 provinces, 2,000,000 people, 20,000,000 records)
    /// loaded through the import path and kept; then indicators and dashboards timed.
    Nation(nation::NationArgs),
}

#[tokio::main]
async fn main() -> ExitCode {
    match dispatch(Cli::parse().command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(command: Command) -> Result<()> {
    match command {
        Command::Http(a) => http_cmd::run(a).await,
        Command::LoginStorm(a) => login::run(a).await,
        Command::Learners(a) => learners::run(a).await,
        Command::Memory { pid } => memory::print(pid, "now", None),
        Command::PageWeight(a) => weight::run(a).await,
        Command::Province(a) => province::run(a).await,
        Command::Nation(a) => nation::run(a).await,
        Command::Soak(a) => soak::run(a).await,
    }
}
