using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace SocialWatch.Web.Rendering;

/// <summary>Renders a Razor partial to a string, so the PDF prints exactly the markup the print view shows.</summary>
public sealed class PartialRenderer(ICompositeViewEngine viewEngine, ITempDataProvider tempData)
{
    /// <param name="viewPath">An application-relative path such as <c>/Pages/Shared/_CaseFileReport.cshtml</c>.</param>
    public async Task<string> RenderAsync<TModel>(ActionContext context, string viewPath, TModel model, IDictionary<string, object?>? viewData = null)
    {
        var found = viewEngine.GetView(executingFilePath: null, viewPath, isMainPage: false);
        if (!found.Success)
        {
            throw new InvalidOperationException($"no view at {viewPath}");
        }
        var data = new ViewDataDictionary<TModel>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        foreach (var (key, value) in viewData ?? new Dictionary<string, object?>())
        {
            data[key] = value;
        }
        await using var writer = new StringWriter();
        var viewContext = new ViewContext(context, found.View, data, new TempDataDictionary(context.HttpContext, tempData), writer, new HtmlHelperOptions());
        await found.View.RenderAsync(viewContext);
        return writer.ToString();
    }
}
