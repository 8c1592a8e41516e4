public enum SurvSessionPlaceholder {}
