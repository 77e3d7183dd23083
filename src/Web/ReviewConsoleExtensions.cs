using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Registry;
using SocialWatch.Web.Api;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web;

/// <summary>Adds the review console to a web host: <c>services.AddReviewConsole(config)</c> then <c>app.MapReviewConsole()</c>.</summary>
public static class ReviewConsoleExtensions
{
    public const string AntiforgeryHeaderName = "X-CSRF-TOKEN";
    private const string ConsoleScheme = "console";
    public static readonly IReadOnlyList<string> Cultures = ["id", "en"];

    /// <summary>
    /// Registers the console's pages, authentication, authorisation, antiforgery and localisation. Needs the Core
    /// repositories (IUserRepository, IFlagRepository, IAuditLog, registry repositories) registered by the host.
    /// </summary>
    public static IServiceCollection AddReviewConsole(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ConsoleOptions>()
            .Bind(configuration.GetSection(ConsoleOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.SectionName));

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRazorPages(options =>
            {
                options.Conventions.AllowAnonymousToPage("/SignIn");
                options.Conventions.AllowAnonymousToPage("/Status");
                options.Conventions.AuthorizeFolder("/Admin", ConsolePolicies.ReadRegistry);
            })
            .AddViewLocalization()
            .AddApplicationPart(typeof(ReviewConsoleExtensions).Assembly);
        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeaderName;
            options.Cookie.Name = "sw.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        // The key ring lives in the database, so every node behind a load balancer reads the cookies any node wrote.
        services.AddDataProtection().SetApplicationName("SocialWatch");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new DatabaseXmlRepository(sp)));

        services.AddScoped<ConsoleCookieEvents>();
        // A request with a bearer token is the API token scheme's to accept or refuse (401, never a redirect);
        // everything else is the cookie's.
        services.AddAuthentication(ConsoleScheme)
            .AddPolicyScheme(ConsoleScheme, null, options => options.ForwardDefaultSelector = context =>
                ApiTokenAuthenticationHandler.HasBearer(context.Request) ? ApiTokenAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddCookie(options =>
            {
                options.Cookie.Name = "sw.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/denied";
                options.SlidingExpiration = true;
                options.EventsType = typeof(ConsoleCookieEvents);
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<ConsoleOptions>>((cookie, console) => cookie.ExpireTimeSpan = TimeSpan.FromMinutes(console.Value.SessionMinutes));
        services.AddAuthorization(ConsolePolicies.Add);

        // Enums (labels, statuses, phases) travel as their names, so API clients need none of our numbering.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>()
            .Configure<ReadingTimeZone>((options, zone) => options.SerializerOptions.Converters.Add(new ReadingTimeJsonConverter(zone)));
        services.AddScoped<SignInService>();
        services.AddScoped<FlagReviewService>();
        services.AddScoped<RegistryAdminService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<CaseFileService>();
        services.AddScoped<ReviewQualityService>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<Export.CsvExportService>();
        services.AddScoped<EvidenceService>();
        services.AddScoped<DuplicateService>();
        services.AddScoped<Rendering.PartialRenderer>();
        services.AddSingleton<Rendering.ChromiumPdf>();
        services.AddScoped<AccountImportService>();
        services.AddScoped<ContestImportService>();
        services.TryAddScoped<AccountCsvImport>();
        return services;
    }

    /// <summary>
    /// Maps the pages, the JSON API under <c>/api</c> and the assets, binds Kestrel to <c>Console:Urls</c> unless the
    /// host was given URLs another way, and logs the URL once the server listens.
    /// </summary>
    public static WebApplication MapReviewConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        if (app.Urls.Count == 0 && string.IsNullOrEmpty(app.Configuration["urls"]))
        {
            foreach (var url in ConsoleOptionsValidator.SplitUrls(options.Urls))
            {
                app.Urls.Add(url);
            }
        }
        LogAddressesWhenStarted(app);

        app.Use(AddServerTimingAndSecurityHeaders);
        app.UseRequestLocalization(localization =>
        {
            localization.SetDefaultCulture(Cultures[0]).AddSupportedCultures([.. Cultures]).AddSupportedUICultures([.. Cultures]);
            localization.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        // A page that is not there gets the console's own page in the reader's language, never the browser's bare
        // English error; the JSON API keeps its plain status codes and problem bodies. Only reads are re-executed: a
        // refused form post would run the page's antiforgery check again and fail a second time.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api") && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapPost("/culture", SetCulture).AllowAnonymous();
        ConsoleAssets.Map(app);
        Export.ExportEndpoints.Map(app);
        ConsoleApi.Map(app);
        EvidenceMediaEndpoint.Map(app);
        return app;
    }

    private static IResult SetCulture(HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl)
    {
        if (Cultures.Contains(culture))
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
        }
        // Only a local path: the switch must not become an open redirect.
        var target = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
        return Results.LocalRedirect(target);
    }

    private static async Task AddServerTimingAndSecurityHeaders(HttpContext context, Func<Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            headers["Server-Timing"] = "app;dur=" + elapsed.ToString("0.0", CultureInfo.InvariantCulture);
            // Defence in depth: even if some text escaped encoding, no inline script or foreign resource could run.
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        await next();
    }

    private static void LogAddressesWhenStarted(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SocialWatch.Web.Console");
            foreach (var address in addresses ?? [])
            {
                Log.ConsoleListening(logger, address);
            }
        });
    }
}
