package feeds

// Defaults returns the world-news feeds a new library starts with: major
// English-language outlets from several regions and across the political
// spectrum, so that a story is seen from more than one side from the first
// refresh. Each call returns a new slice.
func Defaults() []Subscription {
	return []Subscription{
		{Name: "BBC News", URL: "https://feeds.bbci.co.uk/news/world/rss.xml", SiteURL: "https://www.bbc.co.uk/news/world"},
		{Name: "The Guardian", URL: "https://www.theguardian.com/world/rss", SiteURL: "https://www.theguardian.com/world"},
		{Name: "Sky News", URL: "https://feeds.skynews.com/feeds/rss/world.xml", SiteURL: "https://news.sky.com/world"},
		{Name: "The Independent", URL: "https://www.independent.co.uk/news/world/rss", SiteURL: "https://www.independent.co.uk/news/world"},
		{Name: "Al Jazeera English", URL: "https://www.aljazeera.com/xml/rss/all.xml", SiteURL: "https://www.aljazeera.com"},
		{Name: "Deutsche Welle", URL: "https://rss.dw.com/rdf/rss-en-world", SiteURL: "https://www.dw.com/en"},
		{Name: "France 24", URL: "https://www.france24.com/en/rss", SiteURL: "https://www.france24.com/en/"},
		{Name: "Euronews", URL: "https://www.euronews.com/rss?level=theme&name=news", SiteURL: "https://www.euronews.com"},
		{Name: "NPR", URL: "https://feeds.npr.org/1004/rss.xml", SiteURL: "https://www.npr.org/sections/world/"},
		{Name: "The New York Times", URL: "https://rss.nytimes.com/services/xml/rss/nyt/World.xml", SiteURL: "https://www.nytimes.com/section/world"},
		{Name: "The Washington Post", URL: "https://feeds.washingtonpost.com/rss/world", SiteURL: "https://www.washingtonpost.com/world/"},
		{Name: "CBS News", URL: "https://www.cbsnews.com/latest/rss/world", SiteURL: "https://www.cbsnews.com/world/"},
		{Name: "The Wall Street Journal", URL: "https://feeds.a.dj.com/rss/RSSWorldNews.xml", SiteURL: "https://www.wsj.com/news/world"},
		{Name: "Fox News", URL: "https://moxie.foxnews.com/google-publisher/world.xml", SiteURL: "https://www.foxnews.com/world"},
		{Name: "New York Post", URL: "https://nypost.com/news/feed/", SiteURL: "https://nypost.com/news/"},
		{Name: "The Washington Times", URL: "https://www.washingtontimes.com/rss/headlines/news/world/", SiteURL: "https://www.washingtontimes.com/news/world/"},
		{Name: "The Hill", URL: "https://thehill.com/feed/", SiteURL: "https://thehill.com"},
		{Name: "The Christian Science Monitor", URL: "https://rss.csmonitor.com/feeds/world", SiteURL: "https://www.csmonitor.com/World"},
		{Name: "UPI", URL: "https://rss.upi.com/news/world_news.rss", SiteURL: "https://www.upi.com/Top_News/World-News/"},
		{Name: "CBC News", URL: "https://www.cbc.ca/webfeed/rss/rss-world", SiteURL: "https://www.cbc.ca/news/world"},
		{Name: "ABC News (Australia)", URL: "https://www.abc.net.au/news/feed/51120/rss.xml", SiteURL: "https://www.abc.net.au/news"},
		{Name: "RNZ", URL: "https://www.rnz.co.nz/rss/world.xml", SiteURL: "https://www.rnz.co.nz/news/world"},
		{Name: "The Times of India", URL: "https://timesofindia.indiatimes.com/rssfeeds/296589292.cms", SiteURL: "https://timesofindia.indiatimes.com/world"},
		{Name: "The Hindu", URL: "https://www.thehindu.com/news/international/feeder/default.rss", SiteURL: "https://www.thehindu.com/news/international/"},
		{Name: "South China Morning Post", URL: "https://www.scmp.com/rss/91/feed", SiteURL: "https://www.scmp.com/news/world"},
		{Name: "The Japan Times", URL: "https://www.japantimes.co.jp/feed/", SiteURL: "https://www.japantimes.co.jp"},
		{Name: "The Straits Times", URL: "https://www.straitstimes.com/news/world/rss.xml", SiteURL: "https://www.straitstimes.com/world"},
		{Name: "The Times of Israel", URL: "https://www.timesofisrael.com/feed/", SiteURL: "https://www.timesofisrael.com"},
		{Name: "News24", URL: "https://feeds.news24.com/articles/news24/World/rss", SiteURL: "https://www.news24.com/news24/world"},
		{Name: "MercoPress", URL: "https://en.mercopress.com/rss", SiteURL: "https://en.mercopress.com"},
	}
}
