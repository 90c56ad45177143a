"""The one writer: the sitting service, the durable event log, live outputs and exports."""
