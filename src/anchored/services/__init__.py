"""Use cases: functions taking (session, owner, input). The only writers; shared by web and CLI."""
