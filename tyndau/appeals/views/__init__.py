"""Views of appeals, split by audience: citizen, official, public, files."""
