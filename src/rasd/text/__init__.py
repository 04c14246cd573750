"""Text stages: from decoded input to a cleaned, segmented article."""
