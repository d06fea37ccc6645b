//! `stub-api [--port N]`: the local stand-in for the Thena service, on 127.0.0.1.
//! The port comes from `--port`, else `STUB_API_PORT`, else 8787; `--port 0` picks a free one.

use std::io::Write;

// One thread is plenty for a test stand-in, and it starts at once.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let mut port = std::env::var("STUB_API_PORT").unwrap_or_else(|_| "8787".into());
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--port", Some(value)) => port = value,
            _ => {
                eprintln!("usage: stub-api [--port N]");
                std::process::exit(2);
            }
        }
    }
    let listener = match tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("stub-api: cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1);
        }
    };
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or(port);
    // Test harnesses wait for this line: flush it now, and don't die if nobody reads it.
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "stub-api listening on http://{address}");
    let _ = stdout.flush();
    drop(stdout);
    if let Err(e) = axum::serve(listener, stub_api::app()).await {
        eprintln!("stub-api: {e}");
        std::process::exit(1);
    }
}
