//! Small shared components, one per file.

mod choice_field;
mod config_banner;
mod copy_value;
mod explained_list;
mod field_messages;
mod fold;
mod framed_note;
mod header;
mod instruction_list;
mod paste_area;
mod path_choice;
pub mod secret_field;
mod stacked_table;
mod step_nav;
mod stepper;
mod text_field;
mod update_banner;
mod who_can;

pub use choice_field::{Choice, RadioField, SelectField};
pub use config_banner::ConfigBanner;
pub use copy_value::{CopyButton, CopyValue};
pub use explained_list::ExplainedList;
pub use fold::Fold;
pub use framed_note::FramedNote;
pub use header::Header;
pub use instruction_list::InstructionItems;
pub use paste_area::PasteArea;
pub use path_choice::PathChoice;
pub use stacked_table::{StackCell, StackHead};
pub use step_nav::StepNav;
pub use stepper::Stepper;
pub use text_field::TextField;
pub use update_banner::UpdateBanner;
pub use who_can::WhoCanDoIt;
