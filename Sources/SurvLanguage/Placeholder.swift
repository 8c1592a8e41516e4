public enum SurvLanguagePlaceholder {}
