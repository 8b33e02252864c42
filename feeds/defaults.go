package feeds

// Defaults returns the world-news feeds a new library starts with: major
// English-language outlets from several regions and across the political
// spectrum, so that a story is seen from more than one side from the first
// refresh. Each call returns a new slice.
func Defaults() []Subscription {
	return []Subscription{
		{Title: "BBC News", URL: "https://feeds.bbci.co.uk/news/world/rss.xml", SiteURL: "https://www.bbc.co.uk/news/world"},
		{Title: "The Guardian", URL: "https://www.theguardian.com/world/rss", SiteURL: "https://www.theguardian.com/world"},
		{Title: "Sky News", URL: "https://feeds.skynews.com/feeds/rss/world.xml", SiteURL: "https://news.sky.com/world"},
		{Title: "The Independent", URL: "https://www.independent.co.uk/news/world/rss", SiteURL: "https://www.independent.co.uk/news/world"},
		{Title: "Al Jazeera English", URL: "https://www.aljazeera.com/xml/rss/all.xml", SiteURL: "https://www.aljazeera.com"},
		{Title: "Deutsche Welle", URL: "https://rss.dw.com/rdf/rss-en-world", SiteURL: "https://www.dw.com/en"},
		{Title: "France 24", URL: "https://www.france24.com/en/rss", SiteURL: "https://www.france24.com/en/"},
		{Title: "Euronews", URL: "https://www.euronews.com/rss?level=theme&name=news", SiteURL: "https://www.euronews.com"},
		{Title: "NPR", URL: "https://feeds.npr.org/1004/rss.xml", SiteURL: "https://www.npr.org/sections/world/"},
		{Title: "The New York Times", URL: "https://rss.nytimes.com/services/xml/rss/nyt/World.xml", SiteURL: "https://www.nytimes.com/section/world"},
		{Title: "The Washington Post", URL: "https://feeds.washingtonpost.com/rss/world", SiteURL: "https://www.washingtonpost.com/world/"},
		{Title: "CBS News", URL: "https://www.cbsnews.com/latest/rss/world", SiteURL: "https://www.cbsnews.com/world/"},
		{Title: "The Wall Street Journal", URL: "https://feeds.a.dj.com/rss/RSSWorldNews.xml", SiteURL: "https://www.wsj.com/news/world"},
		{Title: "Fox News", URL: "https://moxie.foxnews.com/google-publisher/world.xml", SiteURL: "https://www.foxnews.com/world"},
		{Title: "New York Post", URL: "https://nypost.com/news/feed/", SiteURL: "https://nypost.com/news/"},
		{Title: "The Washington Times", URL: "https://www.washingtontimes.com/rss/headlines/news/world/", SiteURL: "https://www.washingtontimes.com/news/world/"},
		{Title: "The Hill", URL: "https://thehill.com/feed/", SiteURL: "https://thehill.com"},
		{Title: "The Christian Science Monitor", URL: "https://rss.csmonitor.com/feeds/world", SiteURL: "https://www.csmonitor.com/World"},
		{Title: "UPI", URL: "https://rss.upi.com/news/world_news.rss", SiteURL: "https://www.upi.com/Top_News/World-News/"},
		{Title: "CBC News", URL: "https://www.cbc.ca/webfeed/rss/rss-world", SiteURL: "https://www.cbc.ca/news/world"},
		{Title: "ABC News (Australia)", URL: "https://www.abc.net.au/news/feed/51120/rss.xml", SiteURL: "https://www.abc.net.au/news"},
		{Title: "RNZ", URL: "https://www.rnz.co.nz/rss/world.xml", SiteURL: "https://www.rnz.co.nz/news/world"},
		{Title: "The Times of India", URL: "https://timesofindia.indiatimes.com/rssfeeds/296589292.cms", SiteURL: "https://timesofindia.indiatimes.com/world"},
		{Title: "The Hindu", URL: "https://www.thehindu.com/news/international/feeder/default.rss", SiteURL: "https://www.thehindu.com/news/international/"},
		{Title: "South China Morning Post", URL: "https://www.scmp.com/rss/91/feed", SiteURL: "https://www.scmp.com/news/world"},
		{Title: "The Japan Times", URL: "https://www.japantimes.co.jp/feed/", SiteURL: "https://www.japantimes.co.jp"},
		{Title: "The Straits Times", URL: "https://www.straitstimes.com/news/world/rss.xml", SiteURL: "https://www.straitstimes.com/world"},
		{Title: "The Times of Israel", URL: "https://www.timesofisrael.com/feed/", SiteURL: "https://www.timesofisrael.com"},
		{Title: "News24", URL: "https://feeds.news24.com/articles/news24/World/rss", SiteURL: "https://www.news24.com/news24/world"},
		{Title: "MercoPress", URL: "https://en.mercopress.com/rss", SiteURL: "https://en.mercopress.com"},
	}
}
