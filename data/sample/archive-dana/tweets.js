window.YTD.tweets.part0 = [
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "MarathonTraining",
            "indices": [
              "77",
              "94"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "94"
      ],
      "favorite_count": "3",
      "id_str": "1790000000000229651",
      "truncated": false,
      "retweet_count": "0",
      "id": "1790000000000229651",
      "created_at": "Sun Oct 11 15:00:00 +0000 2026",
      "favorited": false,
      "full_text": "Finished the Chicago marathon in 3:58! Rover was waiting at the finish line. #MarathonTraining",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Sam Okafor",
            "screen_name": "sam_okafor",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2001000001",
            "id": "2001000001"
          },
          {
            "name": "Sam Okafor",
            "screen_name": "sam_okafor",
            "indices": [
              "27",
              "38"
            ],
            "id_str": "2001000001",
            "id": "2001000001"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "77"
      ],
      "favorite_count": "3",
      "id_str": "1790000000000197975",
      "truncated": false,
      "retweet_count": "0",
      "id": "1790000000000197975",
      "created_at": "Tue Sep 22 09:00:00 +0000 2026",
      "favorited": false,
      "full_text": "@sam_okafor Happy birthday @sam_okafor! Hope Maya bakes you a sourdough cake.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Alex Chen",
            "screen_name": "alex_chen",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "2001000003",
            "id": "2001000003"
          },
          {
            "name": "Alex Chen",
            "screen_name": "alex_chen",
            "indices": [
              "29",
              "39"
            ],
            "id_str": "2001000003",
            "id": "2001000003"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "54"
      ],
      "favorite_count": "3",
      "id_str": "1790000000000182137",
      "truncated": false,
      "retweet_count": "0",
      "id": "1790000000000182137",
      "created_at": "Mon Sep 21 20:30:00 +0000 2026",
      "favorited": false,
      "full_text": "@alex_chen Happy anniversary @alex_chen! Twelve years!",
      "lang": "en",
      "in_reply_to_status_id_str": "1790000000000174218",
      "in_reply_to_status_id": "1790000000000174218",
      "in_reply_to_user_id_str": "2001000003",
      "in_reply_to_user_id": "2001000003",
      "in_reply_to_screen_name": "alex_chen"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "MarathonTraining",
            "indices": [
              "68",
              "85"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "85"
      ],
      "favorite_count": "3",
      "id_str": "1790000000000166299",
      "truncated": false,
      "retweet_count": "0",
      "id": "1790000000000166299",
      "created_at": "Sun Sep 20 07:00:00 +0000 2026",
      "favorited": false,
      "full_text": "20 miles done. Rover sat this one out. Marathon training peak week. #MarathonTraining",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Jordan Lee",
            "screen_name": "jordan_lee",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2001000004",
            "id": "2001000004"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "93"
      ],
      "favorite_count": "3",
      "id_str": "1790000000000150461",
      "truncated": false,
      "retweet_count": "0",
      "id": "1790000000000150461",
      "created_at": "Tue Sep 15 17:00:00 +0000 2026",
      "favorited": false,
      "full_text": "@jordan_lee Ha! The velvet jacket is my lucky charm. Wearing it to the Chicago marathon expo.",
      "lang": "en",
      "in_reply_to_status_id_str": "1790000000000142542",
      "in_reply_to_status_id": "1790000000000142542",
      "in_reply_to_user_id_str": "2001000004",
      "in_reply_to_user_id": "2001000004",
      "in_reply_to_screen_name": "jordan_lee"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Jordan Lee",
            "screen_name": "jordan_lee",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2001000004",
            "id": "2001000004"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "83"
      ],
      "favorite_count": "3",
      "id_str": "1790000000000134623",
      "truncated": false,
      "retweet_count": "0",
      "id": "1790000000000134623",
      "created_at": "Tue Sep 15 16:20:00 +0000 2026",
      "favorited": false,
      "full_text": "@jordan_lee How is the Australian market looking? Still planning the Sydney launch?",
      "lang": "en",
      "in_reply_to_status_id_str": "1790000000000126704",
      "in_reply_to_status_id": "1790000000000126704",
      "in_reply_to_user_id_str": "2001000004",
      "in_reply_to_user_id": "2001000004",
      "in_reply_to_screen_name": "jordan_lee"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Jordan Lee",
            "screen_name": "jordan_lee",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2001000004",
            "id": "2001000004"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "78"
      ],
      "favorite_count": "3",
      "id_str": "1790000000000095028",
      "truncated": false,
      "retweet_count": "0",
      "id": "1790000000000095028",
      "created_at": "Tue Sep 08 08:00:00 +0000 2026",
      "favorited": false,
      "full_text": "@jordan_lee He does. My dog Rover sleeps the whole afternoon after a long run.",
      "lang": "en",
      "in_reply_to_status_id_str": "1790000000000087109",
      "in_reply_to_status_id": "1790000000000087109",
      "in_reply_to_user_id_str": "2001000004",
      "in_reply_to_user_id": "2001000004",
      "in_reply_to_screen_name": "jordan_lee"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "MarathonTraining",
            "indices": [
              "92",
              "109"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "109"
      ],
      "favorite_count": "3",
      "id_str": "1790000000000079190",
      "truncated": false,
      "retweet_count": "0",
      "id": "1790000000000079190",
      "created_at": "Tue Sep 08 07:15:00 +0000 2026",
      "favorited": false,
      "full_text": "18 miles this morning with Rover pacing me for the first six. Marathon training is no joke. #MarathonTraining",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Priya Nair",
            "screen_name": "priya_nair",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2001000002",
            "id": "2001000002"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "55"
      ],
      "favorite_count": "3",
      "id_str": "1790000000000047514",
      "truncated": false,
      "retweet_count": "0",
      "id": "1790000000000047514",
      "created_at": "Thu Sep 03 19:00:00 +0000 2026",
      "favorited": false,
      "full_text": "@priya_nair Congratulations! You'll be brilliant there.",
      "lang": "en",
      "in_reply_to_status_id_str": "1790000000000031676",
      "in_reply_to_status_id": "1790000000000031676",
      "in_reply_to_user_id_str": "2001000002",
      "in_reply_to_user_id": "2001000002",
      "in_reply_to_screen_name": "priya_nair"
    }
  }
]
