//! Pure domain logic: no web-sys, no leptos. Everything here is tested natively.

pub mod config;
pub mod derive;
pub mod email;
pub mod field;
pub mod finding;
pub mod locale;
pub mod mailbox;
pub mod model;
pub mod step;
pub mod webex;

pub use field::Field;
pub use finding::{Finding, Message, Severity};
pub use model::{Secrets, Setup};
pub use step::{Step, StepState};
