mod api_messages;
mod field_messages;
mod texts;
