//! Pure domain logic: no web-sys, no leptos. Everything here is tested natively.

pub mod derive;
pub mod diagnose;
pub mod field;
pub mod finding;
pub mod model;
pub mod step;

pub use field::Field;
pub use finding::{Finding, Message, Severity};
pub use model::{Secrets, Setup};
pub use step::{Step, StepState};
