"""The contact scenarios' story and steps: see story.py, and the *_steps modules."""
