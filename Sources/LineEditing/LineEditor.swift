public enum LineEditingPlaceholder {}
