use hingecraft_runtime::prelude::*;

#[table(name = "states", module = "master")]
pub enum State {
    Active,
}

fn main() {}
