//! Small shared components, one per file.

mod config_banner;
mod header;
mod stepper;

pub use config_banner::ConfigBanner;
pub use header::Header;
pub use stepper::Stepper;
