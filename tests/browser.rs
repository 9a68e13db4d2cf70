//! The HTML report in a real browser: headless Chromium, driven over the
//! DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON messages
//! ended by a NUL byte, on file descriptors 3 and 4), so no crate beyond
//! a PNG decoder is needed. The page is loaded at a desktop size and a
//! phone's; at each, the DOM must hold the verdict and the weighted
//! table's figures exactly as the JSON output has them, the page must make
//! no request and log no error, and a screenshot must be neither blank nor
//! wider than the window.
//!
//! Without Chromium the tests say so and pass, unless
//! `PICK_STACK_REQUIRE_BROWSER=1` (set by `.ci/run`, which installs it).
//! `PICK_STACK_CHROMIUM` names the browser to use; `PICK_STACK_SCREENSHOTS`
//! names a folder to keep the screenshots in (`docs/` holds the README's).

use std::io::{BufRead, BufReader, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

/// Long enough for a cold start on a busy two-core machine.
const TIMEOUT: Duration = Duration::from_secs(120);

fn chromium() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("PICK_STACK_CHROMIUM") {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |folder| folder.join(name)))
    .find(|candidate| candidate.is_file())
}

/// The browser, or `None` after saying why the test does not run; in CI
/// (`PICK_STACK_REQUIRE_BROWSER=1`) a missing browser fails.
fn browser_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("PICK_STACK_REQUIRE_BROWSER").is_none_or(|value| value != "1"),
            "PICK_STACK_REQUIRE_BROWSER=1 but no Chromium was found (install Debian's `chromium`, or set PICK_STACK_CHROMIUM)"
        );
        eprintln!(
            "SKIPPED: no Chromium found (chromium, chromium-browser, google-chrome on PATH, or PICK_STACK_CHROMIUM); the browser checks of the HTML report did not run. `apt-get install chromium` to run them."
        );
    }
    found
}

/// A browser under the DevTools protocol, and one page in it.
struct Browser {
    child: Child,
    to_browser: std::io::PipeWriter,
    messages: mpsc::Receiver<Value>,
    next_id: u64,
    session: String,
    /// Every event the page sent, in order.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(executable: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let (browser_reads, to_browser) = std::io::pipe().unwrap();
        let (from_browser, browser_writes) = std::io::pipe().unwrap();
        let (read_fd, write_fd) = (browser_reads.as_raw_fd(), browser_writes.as_raw_fd());
        let mut command = Command::new(executable);
        command
            .args([
                "--headless",
                // Root (CI, containers) cannot use the sandbox.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--remote-debugging-pipe",
                "about:blank",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: only fcntl and dup2 run between fork and exec, both
        // async-signal-safe. The ends are first copied above 2 and 4 so
        // that moving one onto 3 or 4 cannot close the other.
        unsafe {
            command.pre_exec(move || {
                let read = libc::fcntl(read_fd, libc::F_DUPFD, 10);
                let write = libc::fcntl(write_fd, libc::F_DUPFD, 10);
                if read < 0 || write < 0 || libc::dup2(read, 3) < 0 || libc::dup2(write, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("Chromium starts");
        drop((browser_reads, browser_writes));
        // A reader thread, so that a browser that hangs fails the test at
        // the timeout instead of blocking it.
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(from_browser);
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                message.pop();
                let Ok(value) = serde_json::from_slice::<Value>(&message) else {
                    continue;
                };
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        let mut browser = Browser {
            child,
            to_browser,
            messages,
            next_id: 0,
            session: String::new(),
            events: Vec::new(),
            _profile: profile,
        };
        let target = browser.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let attached = browser.call_browser(
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_owned();
        for domain in [
            "Page.enable",
            "Network.enable",
            "Runtime.enable",
            "Log.enable",
        ] {
            browser.call(domain, json!({}));
        }
        browser
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> u64 {
        self.next_id += 1;
        let mut message = json!({"id": self.next_id, "method": method, "params": params});
        if session {
            message["sessionId"] = Value::String(self.session.clone());
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to_browser.write_all(&bytes).unwrap();
        self.next_id
    }

    fn receive(&mut self) -> Value {
        self.messages
            .recv_timeout(TIMEOUT)
            .expect("Chromium answers within the timeout")
    }

    fn wait_for(&mut self, id: u64, method: &str) -> Value {
        loop {
            let message = self.receive();
            if message["id"].as_u64() == Some(id) {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params, false);
        self.wait_for(id, method)
    }

    /// A command to the page.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params, true);
        self.wait_for(id, method)
    }

    /// Sets the window's size (a phone's is a mobile viewport), loads
    /// `url` and waits for its load event.
    fn load(&mut self, url: &str, width: u32, height: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        self.events.clear();
        self.call("Page.navigate", json!({"url": url}));
        while !self
            .events
            .iter()
            .any(|event| event["method"] == "Page.loadEventFired")
        {
            let message = self.receive();
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    /// `expression` evaluated in the page, as JSON text it returns.
    fn evaluate(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        assert!(result.get("exceptionDetails").is_none(), "{result}");
        serde_json::from_str(result["result"]["value"].as_str().unwrap()).unwrap()
    }

    /// The URLs the page asked for, and every error it logged.
    fn requests_and_errors(&self) -> (Vec<String>, Vec<String>) {
        let mut requests = Vec::new();
        let mut errors = Vec::new();
        for event in &self.events {
            match event["method"].as_str().unwrap_or("") {
                "Network.requestWillBeSent" => {
                    requests.push(
                        event["params"]["request"]["url"]
                            .as_str()
                            .unwrap()
                            .to_owned(),
                    );
                }
                "Runtime.exceptionThrown" => errors.push(event["params"].to_string()),
                "Runtime.consoleAPICalled"
                    if matches!(event["params"]["type"].as_str(), Some("error" | "assert")) =>
                {
                    errors.push(event["params"].to_string());
                }
                "Log.entryAdded" if event["params"]["entry"]["level"] == "error" => {
                    errors.push(event["params"]["entry"].to_string());
                }
                _ => {}
            }
        }
        (requests, errors)
    }

    /// A screenshot of the window, as PNG bytes.
    fn screenshot(&mut self) -> Vec<u8> {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        base64(shot["data"].as_str().unwrap())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let bits = chunk.iter().enumerate().fold(0u32, |bits, (at, &digit)| {
                bits | u32::from(digit) << (18 - 6 * at)
            });
            let bytes = bits.to_be_bytes();
            bytes[1..chunk.len()].to_vec()
        })
        .collect()
}

/// The screenshot's size and how much of it is not its most common colour.
struct Picture {
    width: u32,
    height: u32,
    /// Share of pixels that differ from the background.
    drawn: f64,
    /// The background's brightness, 0 to 255.
    background_luma: f64,
}

fn picture(png_bytes: &[u8]) -> Picture {
    let decoder = png::Decoder::new(png_bytes);
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let rgb: Vec<[u8; 3]> = pixels[..info.buffer_size()]
        .chunks(channels)
        .map(|pixel| match channels {
            1 | 2 => [pixel[0]; 3],
            _ => [pixel[0], pixel[1], pixel[2]],
        })
        .collect();
    let mut counts = std::collections::HashMap::new();
    for pixel in &rgb {
        *counts.entry(*pixel).or_insert(0usize) += 1;
    }
    let (background, count) = counts.into_iter().max_by_key(|(_, count)| *count).unwrap();
    Picture {
        width: info.width,
        height: info.height,
        drawn: 1.0 - count as f64 / rgb.len() as f64,
        background_luma: 0.299 * f64::from(background[0])
            + 0.587 * f64::from(background[1])
            + 0.114 * f64::from(background[2]),
    }
}

fn pick_stack(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pick-stack"))
        .args(args)
        .env_remove("COLUMNS")
        .env_remove("PICK_STACK_CRITERIA")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Reads every figure of the weighted table and the verdict from the DOM.
const READ_PAGE: &str = r#"JSON.stringify({
  verdict: document.getElementById('verdict').textContent,
  winner: document.getElementById('verdict').dataset.winner,
  stability: document.getElementById('verdict').dataset.stability,
  cells: [...document.querySelectorAll('#weighted td[data-figure]')].map(cell => ({
    figure: cell.dataset.figure,
    criterion: cell.dataset.criterion || null,
    alternative: cell.dataset.alternative || null,
    value: Number(cell.dataset.value),
    text: cell.textContent,
  })),
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  charts: document.querySelectorAll('svg.chart').length,
  tablesScrolling: [...document.querySelectorAll('.table-wrap')]
    .filter(wrap => wrap.scrollWidth > wrap.clientWidth)
    .map(wrap => `${wrap.firstElementChild.id || wrap.firstElementChild.className} (${wrap.scrollWidth} in ${wrap.clientWidth})`),
})"#;

fn check_page_against_json(page: &Value, json: &Value) {
    let name_of = |id: &str| {
        json["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|alternative| alternative["id"] == id)
            .unwrap()["name"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let winner = json["verdict"]["winner"].as_str().unwrap();
    assert_eq!(page["winner"], winner);
    assert_eq!(page["stability"], json["stability"]);
    let verdict = page["verdict"].as_str().unwrap();
    assert!(
        verdict.starts_with(&format!("Verdict: {},", name_of(winner))),
        "{verdict}"
    );
    assert!(verdict.ends_with(&format!(
        "stability: {}.",
        json["stability"].as_str().unwrap()
    )));
    let cells = page["cells"].as_array().unwrap();
    let criteria = json["criteria"].as_array().unwrap();
    let weighed = criteria
        .iter()
        .filter(|c| c["share"].as_f64().unwrap() > 0.0)
        .count();
    let alternatives = json["alternatives"].as_array().unwrap();
    assert_eq!(
        cells.len(),
        weighed * (1 + 2 * alternatives.len()) + alternatives.len(),
        "every figure of the table"
    );
    for cell in cells {
        let value = cell["value"].as_f64().unwrap();
        let text = cell["text"].as_str().unwrap();
        let criterion = cell["criterion"]
            .as_str()
            .map(|id| criteria.iter().find(|c| c["id"] == id).unwrap());
        let alternative = cell["alternative"].as_str();
        let (expected, shown) = match cell["figure"].as_str().unwrap() {
            "share" => {
                let share = criterion.unwrap()["share"].as_f64().unwrap();
                (share, format!("{:.1}%", (share * 1000.0).round() / 10.0))
            }
            "score" => {
                let score = criterion.unwrap()["scores"][alternative.unwrap()]
                    .as_f64()
                    .unwrap();
                (score, format!("{score}"))
            }
            "contribution" => {
                let points = criterion.unwrap()["contributions"][alternative.unwrap()]
                    .as_f64()
                    .unwrap();
                (points, format!("{points:.2}"))
            }
            "total" => {
                let total = alternatives
                    .iter()
                    .find(|entry| entry["id"] == alternative.unwrap())
                    .unwrap()["total"]
                    .as_f64()
                    .unwrap();
                (total, format!("{total:.2}"))
            }
            other => panic!("an unexpected figure {other}"),
        };
        assert_eq!(value, expected, "{cell}");
        assert_eq!(text, shown, "{cell}");
    }
}

#[test]
fn the_report_in_a_real_browser_shows_the_json_figures_fetches_nothing_and_fits() {
    let Some(executable) = browser_or_skip() else {
        return;
    };
    let answers = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ml-pipeline.yaml");
    let answers = answers.to_str().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let report = folder.path().join("report.html");
    std::fs::write(
        &report,
        pick_stack(&["advise", "--answers", answers, "--format", "html"]),
    )
    .unwrap();
    let json: Value = serde_json::from_str(&pick_stack(&[
        "advise",
        "--answers",
        answers,
        "--format",
        "json",
    ]))
    .unwrap();
    let url = format!("file://{}", report.display());
    let keep = std::env::var_os("PICK_STACK_SCREENSHOTS").map(PathBuf::from);

    let mut browser = Browser::launch(&executable);
    for (name, width, height, mobile) in [("desktop", 1280, 900, false), ("phone", 390, 844, true)]
    {
        browser.load(&url, width, height, mobile);
        let page = browser.evaluate(READ_PAGE);
        check_page_against_json(&page, &json);
        assert_eq!(page["charts"], 2, "{name}: both charts");
        assert!(
            page["scrollWidth"].as_u64() <= page["clientWidth"].as_u64(),
            "{name}: the page scrolls sideways ({} wide in {})",
            page["scrollWidth"],
            page["clientWidth"]
        );
        assert_eq!(
            page["tablesScrolling"],
            json!([]),
            "{name}: every table fits"
        );
        // The window's width, less a vertical scroll bar where one shows.
        let client = page["clientWidth"].as_u64().unwrap();
        assert!(
            (u64::from(width) - 20..=u64::from(width)).contains(&client),
            "{name}: laid out {client} wide in a window {width} wide"
        );
        let shot = browser.screenshot();
        let drawn = picture(&shot);
        assert_eq!((drawn.width, drawn.height), (width, height), "{name}");
        assert!(
            drawn.drawn > 0.03,
            "{name}: the screenshot is blank ({:.3} drawn)",
            drawn.drawn
        );
        assert!(
            drawn.background_luma > 200.0,
            "{name}: a light page by default"
        );
        let (requests, errors) = browser.requests_and_errors();
        assert_eq!(
            requests,
            vec![url.clone()],
            "{name}: the page fetches nothing"
        );
        assert!(errors.is_empty(), "{name}: errors logged: {errors:?}");
        if let Some(folder) = &keep {
            std::fs::write(folder.join(format!("report-{name}.png")), &shot).unwrap();
        }
    }

    // The dark scheme: a dark page, still drawn.
    browser.call(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    browser.load(&url, 1280, 900, false);
    let dark = picture(&browser.screenshot());
    assert!(
        dark.background_luma < 60.0,
        "a dark page in the dark scheme"
    );
    assert!(dark.drawn > 0.03);
    let (_, errors) = browser.requests_and_errors();
    assert!(errors.is_empty(), "{errors:?}");

    // Folded on a screen, the answers unfold in print, on a white page.
    let answers_height =
        "JSON.stringify(document.getElementById('answers-given').getBoundingClientRect().height)";
    browser.call(
        "Emulation.setEmulatedMedia",
        json!({"media": "screen", "features": []}),
    );
    let folded = browser.evaluate(answers_height).as_f64().unwrap();
    assert!(folded < 60.0, "folded on a screen: {folded}");
    browser.call(
        "Emulation.setEmulatedMedia",
        json!({"media": "print", "features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    let unfolded = browser.evaluate(answers_height).as_f64().unwrap();
    assert!(unfolded > 300.0, "the answers unfold in print: {unfolded}");
    let background =
        browser.evaluate("JSON.stringify(getComputedStyle(document.body).backgroundColor)");
    assert_eq!(background, "rgb(255, 255, 255)", "print is black on white");
}

/// The checks above would catch a page that fetched something or broke:
/// the same harness, on a page that tries both.
#[test]
fn the_browser_checks_catch_a_page_that_fetches_or_logs_an_error() {
    let Some(executable) = browser_or_skip() else {
        return;
    };
    let folder = tempfile::tempdir().unwrap();
    let page = folder.path().join("leaky.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><p>x</p><img src=\"http://127.0.0.1:9/pixel.png\"><script>console.error('broken')</script></body></html>",
    )
    .unwrap();
    let url = format!("file://{}", page.display());
    let mut browser = Browser::launch(&executable);
    browser.load(&url, 1280, 900, false);
    let (requests, errors) = browser.requests_and_errors();
    assert!(
        requests.iter().any(|request| request.contains("pixel.png")),
        "{requests:?}"
    );
    assert!(
        errors.iter().any(|error| error.contains("broken")),
        "{errors:?}"
    );
}
