//! Pure domain logic: no web-sys, no leptos. Everything here is tested natively.

pub mod cloud;
pub mod config;
pub mod csp;
pub mod date;
pub mod derive;
pub mod diagnose;
pub mod email;
pub mod entra;
pub mod exchange_check;
pub mod export;
pub mod field;
pub mod finding;
pub mod graph;
pub mod guid;
#[cfg(test)]
mod hosts_tests;
pub mod locale;
pub mod mailbox;
pub mod mailbox_guide;
pub mod model;
pub mod path;
pub mod powershell;
pub mod profile;
pub mod role;
#[cfg(test)]
mod sample;
pub mod signin;
pub mod sort;
pub mod step;
pub mod url;
pub mod validate;
pub mod webex;
pub mod webex_api;

pub use field::Field;
pub use finding::{Finding, Message, Severity};
pub use model::{Secrets, Setup};
pub use step::{Step, StepState};
