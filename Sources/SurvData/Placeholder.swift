public enum SurvDataPlaceholder {}
