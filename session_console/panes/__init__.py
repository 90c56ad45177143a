"""The console's tabs: agenda, attendance, speakers, votes, log."""
