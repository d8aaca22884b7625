use hingecraft_schema::prelude::*;

#[table(name = "states", module = "master")]
pub enum State {
    Active,
}

fn main() {}
