"""The notification scenarios' story and steps: see story.py, telling.py and the *_steps modules."""
