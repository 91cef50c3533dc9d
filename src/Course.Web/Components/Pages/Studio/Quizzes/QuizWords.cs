using Course.Core.Quizzes;
using Course.Web.Data;
using Course.Web.Studio;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio.Quizzes;

/// <summary>Words the quiz editor and its question form both say: a question type's name, a slide's label.</summary>
internal static class QuizWords
{
    public static string KindName(IStringLocalizer L, QuestionKind kind) => L[$"QuizEdKind{kind}"];

    // Only a published chapter has slides "not yet published" worth pointing out: a new one's are all drafts.
    public static string SlideLabel(IStringLocalizer L, StudioQuizChapter chapter, StudioSlide slide) =>
        chapter.Status == ChapterStatus.Published && slide.PublishedNumber is null
            ? L["QuizEdSlideOptionNew", slide.Number, slide.FirstLine]
            : L["QuizEdSlideOption", slide.Number, slide.FirstLine];
}
