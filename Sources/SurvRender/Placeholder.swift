public enum SurvRenderPlaceholder {}
