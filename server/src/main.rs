//! `hocvu`: the one binary of Học Vụ Số.
use std::process::ExitCode;

use clap::Parser;
use server::cli;
use server::config::{BadgeKeyAction, Cli, Command};

/// mimalloc rather than glibc's malloc: a page rendered for a signed-in learner makes
/// thousands of small allocations across the runtime's threads (see bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    keep_large_allocations_mapped();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HOCVU_LOG")
                .unwrap_or_else(|_| server::LOG_FILTER.into()),
        )
        .init();
    let Cli { config, command } = Cli::parse();
    let result = match command.unwrap_or(Command::Serve) {
        Command::Serve => cli::serve(config).await,
        Command::Migrate => cli::migrate(config).await,
        Command::CreateAdmin { login, full_name } => {
            cli::create_admin(config, &login, &full_name).await
        }
        Command::SeedDemo => cli::seed_demo(config).await,
        Command::Backup { file } => cli::backup(config, &file).await,
        Command::Restore { file } => cli::restore(config, &file).await,
        Command::Import {
            kind,
            file,
            dry_run,
            province,
        } => {
            let target = cli::import::Target {
                format: kind.format(),
                path: &file,
                province: province.as_deref(),
            };
            cli::import::run(config, target, dry_run).await
        }
        Command::CreateProvince { code, name } => cli::create_province(config, &code, &name).await,
        Command::BadgeKey {
            action: BadgeKeyAction::Rotate,
        } => cli::badge_key_rotate(config).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Lỗi: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Each argon2 run allocates a 19 MiB block. After the first such block is freed, glibc raises
/// its mmap threshold above 19 MiB, so later blocks come from the heap and stay there: the server
/// reached 220 MiB after a storm of logins. A fixed threshold keeps large blocks mmapped and
/// returned to the system when freed (measured: 64 MiB after the same storm).
fn keep_large_allocations_mapped() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning, and glibc serialises it with its own locks.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
    }
}
